package io.vtdoracle.model;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.model.cache.Caches;
import io.vtdoracle.model.fault.FaultState;
import io.vtdoracle.model.memory.GuestMemory;
import io.vtdoracle.model.notifier.Listeners;
import io.vtdoracle.model.registers.RegisterFile;

/**
 * Everything a remapping unit remembers, with the guest memory it reads: the register file and what it latched,
 * the fault recording state, what its caches may hold, and the VMM's listeners.
 */
public record UnitState(Capabilities capabilities, GuestMemory memory, RegisterFile registers, FaultState faults,
                        Caches caches, Listeners listeners) {

    /** The unit after power-on (or reset) with zeroed guest memory. */
    public static UnitState powerOn(Capabilities capabilities) {
        return new UnitState(capabilities, GuestMemory.zeroed(capabilities.guestMemoryBytes()),
                RegisterFile.powerOn(capabilities), FaultState.powerOn(capabilities), Caches.empty(),
                Listeners.empty());
    }

    public UnitState withMemory(GuestMemory value) {
        return new UnitState(capabilities, value, registers, faults, caches, listeners);
    }

    public UnitState withRegisters(RegisterFile value) {
        return new UnitState(capabilities, memory, value, faults, caches, listeners);
    }

    public UnitState withFaults(FaultState value) {
        return new UnitState(capabilities, memory, registers, value, caches, listeners);
    }

    public UnitState withCaches(Caches value) {
        return new UnitState(capabilities, memory, registers, faults, value, listeners);
    }

    public UnitState withListeners(Listeners value) {
        return new UnitState(capabilities, memory, registers, faults, caches, value);
    }
}
