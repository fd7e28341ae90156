package io.vtdoracle.model.invalidation;

import io.vavr.control.Option;
import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;

/** A valid invalidation descriptor of the invalidation queue (§6.5.2). */
sealed interface Descriptor permits ContextCacheDescriptor, IotlbDescriptor, DeviceTlbDescriptor,
        InterruptEntryCacheDescriptor, WaitDescriptor, PasidIotlbDescriptor, PasidCacheDescriptor,
        PasidDeviceTlbDescriptor {

    /** What executing the descriptor does, or none if it cannot complete (an invalidation queue error). */
    Option<Transition> execute(UnitState state);
}
