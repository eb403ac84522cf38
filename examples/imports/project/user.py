import hello

print("running user")
