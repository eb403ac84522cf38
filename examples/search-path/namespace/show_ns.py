import nsp
import nsp.a
import nsp.b

print("nsp.__path__:")
for portion in nsp.__path__:
    print("   ", portion)
print("origin:", nsp.__spec__.origin)
print("loader:", type(nsp.__spec__.loader).__name__)
