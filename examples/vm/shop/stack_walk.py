"""Walk the bytecode of shop.with_rate, keeping the depth of the value stack."""

import dis

import shop

code = shop.with_rate.__code__
depth = 0
for ins in dis.get_instructions(code):
    arg = ins.arg if ins.opcode >= dis.HAVE_ARGUMENT else None
    depth += dis.stack_effect(ins.opcode, arg, jump=False)
    print(f"{ins.opname:<24} {ins.argrepr:<8} depth {depth}")
print("co_stacksize:", code.co_stacksize)
