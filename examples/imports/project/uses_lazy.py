__lazy_modules__ = ["heavy"]
import heavy

print("imported")
print(heavy.answer)
