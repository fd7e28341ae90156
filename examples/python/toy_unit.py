#!/usr/bin/env python3
"""A toy VT-d unit behind the vtd-oracle process protocol (docs/oracle-protocol.md), standard library only.

The toy never turns translation on: DMA is the identity, the interrupt window forwards interrupts unchanged,
guest memory is a dict of 64-bit words, and it answers register reads of VER, CAP, ECAP and GSTS. It supports
39-bit units only, so a hello with a 48-bit unit gets "unsupported".

    vtd-oracle judge --unit-cmd "python3 examples/python/toy_unit.py" examples/python/toy-session.jsonl
"""
import json
import sys

WINDOW_FIRST, WINDOW_LAST = 0xFEE00000, 0xFEEFFFFF


def num(value):
    """Numbers come as "0x..." strings (or plain integers)."""
    return value if isinstance(value, int) else int(value, 0)


class ToyUnit:
    def __init__(self, caps):
        self.memory_bytes = num(caps["guestMemoryBytes"])
        self.registers = {0x00: 0x10, 0x08: num(caps["cap"]), 0x10: num(caps["ecap"]), 0x1C: 0}
        self.memory = {}

    def apply(self, op):
        kind = op["op"]
        if kind in ("write-memory", "read-memory"):
            addr = num(op["addr"]) & ~7
            if not 0 <= addr < self.memory_bytes:
                return {"kind": "ignored", "reason": "outside-guest-memory"}
            if kind == "read-memory":
                return {"kind": "value", "value": hex(self.memory.get(addr, 0))}
            self.memory[addr] = num(op["value"])
            return {"kind": "done"}
        if kind == "read-register":
            offset, size = num(op["offset"]), op["size"]
            value = self.registers.get(offset & ~7, 0)
            if size == 4:
                value = (value >> 32 if offset & 4 else value) & 0xFFFFFFFF
            return {"kind": "value", "value": hex(value)}
        if kind in ("dma", "interrupt"):
            addr = num(op["addr"])
            write = kind == "interrupt" or op["access"] == "write"
            if WINDOW_FIRST <= addr <= WINDOW_LAST:
                if not write:
                    return {"kind": "blocked"}
                data = num(op["data"]) if kind == "interrupt" else 0
                return {"kind": "interrupt", "addr": hex(addr), "data": hex(data)}
            return {"kind": "translated", "addr": hex(addr), "mask": "0xfff", "perm": "rw"}
        raise ValueError("the toy does not do " + kind)


def main():
    unit = None
    for line in sys.stdin:
        message = json.loads(line)
        if "hello" in message:
            caps = message["capabilities"]
            if caps["addressWidth"] != 39:
                reply, unit = {"unsupported": "the toy emulates 39-bit units only"}, None
            else:
                reply, unit = {"ready": True, "implementation": "toy"}, ToyUnit(caps)
        else:
            try:
                reply = {"result": unit.apply(message), "events": []}
            except Exception as error:  # a clear error line, never a traceback on stdout
                reply = {"error": "%s: %s" % (type(error).__name__, error)}
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    main()
