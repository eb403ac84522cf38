def main():
    print("starter.main() ran at start-up")
