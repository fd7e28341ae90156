/**
 * The API every remapping unit of vtd-oracle speaks: {@link io.vtdoracle.api.Operation operations} in,
 * {@link io.vtdoracle.api.Outcome outcomes} out.
 *
 * <h2>The three sides of a unit</h2>
 * <ul>
 *   <li>the guest CPU writes and reads guest memory (where it builds root, context, second-level, interrupt
 *   remapping tables and invalidation descriptors) and the remapping registers;</li>
 *   <li>devices send DMA requests and interrupt requests (dword writes into 0xFEE00000–0xFEEFFFFF);</li>
 *   <li>the VMM registers listeners (IOMMU notifiers, as VFIO and vhost do) on a device's address space,
 *   removes them, and asks for replays.</li>
 * </ul>
 * An {@link io.vtdoracle.api.Outcome} carries the operation's {@link io.vtdoracle.api.Result} and the ordered
 * {@link io.vtdoracle.api.Event events} of the step: listener notifications, fault records, status writes,
 * interrupts the unit raised, and address-space switches. docs/semantics.md (the behavioural contract) says
 * what each operation does, and in which order events come.
 *
 * <h2>Plugging in another implementation</h2>
 * <ol>
 *   <li>Implement {@link io.vtdoracle.api.RemappingUnit}: {@code apply} takes any operation — including
 *   garbage field values — and returns an outcome; it never throws. A unit starts in its power-on state with
 *   zeroed guest memory of {@link io.vtdoracle.api.Capabilities#guestMemoryBytes()} bytes.</li>
 *   <li>Provide a {@link io.vtdoracle.api.RemappingUnit.Factory} that builds a unit for given
 *   {@link io.vtdoracle.api.Capabilities} (reject the capabilities you cannot emulate with an
 *   {@link java.lang.IllegalArgumentException} naming them).</li>
 *   <li>For an emulator that is not written in Java (QEMU, another VMM), write an adapter: it turns each
 *   operation into what the emulator understands (memory and MMIO writes, a device's DMA) and observes the
 *   results (faults in FRCD, the listener calls). Operations the adapter cannot observe it may refuse by
 *   restricting the generators it is driven with.</li>
 *   <li>Hand the factory to the property suites (module {@code properties}): they drive the unit and the
 *   reference model in lockstep and report, shrunk, any outcome the architecture does not allow. The reference
 *   model admits every behaviour the specification allows — a stale cached translation as well as a fresh
 *   one — so a correct implementation with different caching passes.</li>
 * </ol>
 * Events are compared exactly: listener events per listener in ascending listener id, UNMAPs before MAPs, each
 * in ascending IOVA (contract §7.4).
 */
package io.vtdoracle.api;
