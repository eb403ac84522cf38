print("running hello")
calls = 0


def greet():
    global calls
    calls += 1
    return "hello"
