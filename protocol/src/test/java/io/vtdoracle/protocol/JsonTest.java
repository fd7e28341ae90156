package io.vtdoracle.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.MsiMessage;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.ScalableMode;
import io.vtdoracle.api.SourceId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The JSON encoding: every operation, result and event round-trips; C-style text decodes; errors name fields. */
class JsonTest {

    private static final SourceId SID = SourceId.of(0, 2, 0);
    private static final ListenerId L1 = new ListenerId(1);

    static final List<Operation> OPERATIONS = List.of(new Operation.WriteMemory(0x1000, -1L),
            new Operation.ReadMemory(0x7fff_fff8L), new Operation.WriteRegister(0x18, 4, 0x8000_0000L),
            new Operation.ReadRegister(0x1c, 4), new Operation.DmaRequest(SID, 0xfee0_0000L, Access.WRITE),
            new Operation.InterruptRequest(SourceId.of(0xff, 0x1f, 7), 0xfee0_0010L, 0xffff_ffff),
            new Operation.RegisterListener(L1, SID, 0, 0xff_ffff_ffffL, Set.of(ListenerFlag.MAP, ListenerFlag.UNMAP)),
            new Operation.UnregisterListener(L1), new Operation.Replay(new ListenerId(-3)));

    static final List<Result> RESULTS = List.of(Result.DONE, new Result.Ignored(Result.IgnoreReason.BAD_REGISTER_ACCESS),
            new Result.Value(0x8000_0000_0000_0001L), new Result.Translated(0x5123, 0x1f_ffff, Permission.READ),
            new Result.DmaFault(FaultReason.WRITE_NOT_PERMITTED), Result.BLOCKED,
            new Result.InterruptForwarded(new MsiMessage(0xfee0_1000L, 0x4041)),
            new Result.InterruptFault(FaultReason.IR_SOURCE_ID_INVALID), Result.LISTENER_REGISTERED,
            new Result.ListenerRefused(Result.RefusalReason.CACHING_MODE_REQUIRED));

    static final List<Event> EVENTS = List.of(
            new Event.ListenerNotified(L1, Event.NotificationType.MAP, 0x20_0000, 0x4000_0000L, 0x1f_ffff,
                    Permission.READ_WRITE),
            new Event.ListenerNotified(L1, Event.NotificationType.UNMAP, 0x1000, 0, 0xfff, Permission.NONE),
            new Event.ListenerNotified(L1, Event.NotificationType.DEVICE_IOTLB_UNMAP, 0, 0, -1L, Permission.NONE),
            new Event.FaultRecorded(3, SID, FaultReason.IR_ENTRY_NOT_PRESENT, 0x0005_0000_0000_0000L, Access.WRITE),
            new Event.StatusWritten(0x3000, 0xdead_beef),
            new Event.InterruptRaised(Event.InterruptSource.INVALIDATION_COMPLETION, 0xfee0_0000L, 0x30),
            new Event.AddressSpaceSwitched(SID, Event.AddressSpaceView.IDENTITY));

    @Test
    void everyOperationRoundTrips() {
        for (Operation operation : OPERATIONS) {
            assertThat(Json.operation(Json.parse(Json.line(Json.encode(operation))), "op")).isEqualTo(operation);
        }
    }

    @Test
    void everyOutcomeRoundTrips() {
        for (Result result : RESULTS) {
            Outcome outcome = new Outcome(result, EVENTS);
            assertThat(Json.outcome(Json.parse(Json.line(Json.encode(outcome))), "")).isEqualTo(outcome);
        }
    }

    @Test
    void operationsAreWrittenAsACProgrammerWouldWriteThem() {
        assertThat(Json.line(Json.encode(new Operation.DmaRequest(SID, 0xfee0_0000L, Access.WRITE))))
                .isEqualTo("{\"op\":\"dma\",\"sid\":\"00:02.0\",\"addr\":\"0xfee00000\",\"access\":\"write\"}");
        assertThat(Json.operation(Json.parse("{\"op\":\"write-register\",\"offset\":24,\"size\":4,"
                + "\"value\":\"0xFFFF_FFFF_FFFF_FFFF\"}"), "op"))
                .isEqualTo(new Operation.WriteRegister(0x18, 4, -1L));
        assertThat(Json.result(Json.parse("{\"kind\":\"dma-fault\",\"reason\":\"write-not-permitted\"}"), "result"))
                .isEqualTo(new Result.DmaFault(FaultReason.WRITE_NOT_PERMITTED));
        assertThat(Json.operation(Json.parse("{\"op\":\"dma\",\"sid\":16,\"addr\":4096,\"access\":\"READ\"}"), "op"))
                .isEqualTo(new Operation.DmaRequest(new SourceId(16), 4096, Access.READ));
    }

    @Test
    void capabilitiesRoundTripWithTheirRegisters() {
        Capabilities c = new Capabilities(48, false, false, 8, true, true, false, true, 9, 0x4000_0000L);
        assertThat(Json.capabilities(Json.encode(c), "capabilities")).isEqualTo(c);
        assertThat(Json.capabilities(Json.encode(c).without(List.of("addressWidth", "cachingMode", "superpages",
                "faultRecordingRegisters", "interruptRemapping", "extendedInterruptMode", "passThrough", "deviceTlb",
                "maxAddressMaskValue")), "capabilities")).as("CAP and ECAP alone say the same").isEqualTo(c);
        assertThat(Json.capabilities(Json.parse("{}"), "capabilities")).isEqualTo(Capabilities.DEFAULT);
    }

    @Test
    void scalableModeCapabilitiesRoundTripThroughTheirRegisters() {
        for (ScalableMode mode : List.of(ScalableMode.QEMU_SECOND_STAGE, ScalableMode.QEMU_FIRST_STAGE,
                ScalableMode.ALL)) {
            Capabilities c = Capabilities.DEFAULT.withScalableMode(mode);
            assertThat(Json.capabilities(Json.encode(c), "capabilities")).isEqualTo(c);
        }
    }

    @Test
    void capRegisterThatDisagreesWithTheFieldsIsNamed() {
        assertThatThrownBy(() -> Json.capabilities(Json.parse("{\"cachingMode\":false,\"cap\":\"0xd2008c22260286\"}"),
                "capabilities")).isInstanceOf(JsonFormatException.class).hasMessageContaining("capabilities.cap");
        assertThatThrownBy(() -> Json.capabilities(Json.parse("{\"addressWidth\":40}"), "capabilities"))
                .hasMessageContaining("addressWidth must be 39 or 48");
        assertThatThrownBy(() -> Json.capabilities(Json.parse("{\"cm\":true}"), "capabilities"))
                .hasMessageContaining("capabilities.cm").hasMessageContaining("not a capability");
    }

    @Test
    void partialObservationKeepsOnlyTheObservedKinds() {
        Observation faults = Json.observation(Json.parse("{\"result\":{\"kind\":\"dma-fault\",\"reason\":\"0x5\"},"
                + "\"observed\":[\"faults\"],\"events\":[{\"event\":\"fault\",\"index\":0,\"sid\":\"00:02.0\","
                + "\"reason\":\"0x5\",\"info\":\"0x1000\",\"access\":\"write\"}]}"), "");
        Event fault = new Event.FaultRecorded(0, SID, FaultReason.WRITE_NOT_PERMITTED, 0x1000, Access.WRITE);
        Event map = EVENTS.get(0);
        assertThat(faults.test(new Outcome(new Result.DmaFault(FaultReason.WRITE_NOT_PERMITTED), List.of(map, fault))))
                .isTrue();
        assertThat(faults.test(new Outcome(new Result.DmaFault(FaultReason.WRITE_NOT_PERMITTED), List.of(map))))
                .isFalse();
        Observation resultOnly = new Observation(Optional.of(Result.DONE), EnumSet.noneOf(EventKind.class), List.of());
        assertThat(resultOnly.test(new Outcome(Result.DONE, EVENTS))).isTrue();
        assertThat(Json.observation(Json.encode(faults), "")).isEqualTo(faults);
    }

    @Test
    void theSchemaNamesEveryKindAndCapability() throws Exception {
        String schema = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "trace.schema.json"));
        List<String> names = new java.util.ArrayList<>();
        names.addAll(List.of(OperationCodec.KINDS));
        names.addAll(List.of(ResultCodec.KINDS));
        names.addAll(List.of(EventCodec.KINDS));
        names.addAll(CapabilitiesCodec.FIELDS);
        for (EventKind kind : EventKind.values()) {
            names.add(kind.jsonName());
        }
        for (FaultReason reason : FaultReason.values()) {
            names.add(Names.of((Enum<?>) reason));
        }
        for (String name : names) {
            assertThat(schema).as("docs/trace.schema.json names " + name).contains("\"" + name + "\"");
        }
    }

    @Test
    void malformedValuesNameTheirField() {
        assertThatThrownBy(() -> Json.operation(Json.parse("{\"op\":\"dma\",\"sid\":\"00:02.0\",\"addr\":\"0xfee0zz\","
                + "\"access\":\"write\"}"), "op")).hasMessageContaining("'op.addr'");
        assertThatThrownBy(() -> Json.operation(Json.parse("{\"op\":\"dma\",\"sid\":\"00:40.0\",\"addr\":0,"
                + "\"access\":\"write\"}"), "op")).hasMessageContaining("'op.sid'");
        assertThatThrownBy(() -> Json.operation(Json.parse("{\"op\":\"teleport\"}"), "op"))
                .hasMessageContaining("'op.op'").hasMessageContaining("write-memory");
        assertThatThrownBy(() -> Json.operation(Json.parse("{\"op\":\"listen\",\"listener\":1,\"sid\":0,\"first\":0,"
                + "\"last\":1,\"flags\":[\"map\",\"sing\"]}"), "op")).hasMessageContaining("'op.flags[1]'");
        assertThatThrownBy(() -> Json.result(Json.parse("{\"kind\":\"dma-fault\",\"reason\":\"0x13\"}"), "result"))
                .hasMessageContaining("'result.reason'").hasMessageContaining("0x13");
        assertThatThrownBy(() -> Json.observation(Json.parse("{\"observed\":[\"faults\"],\"events\":[{\"event\":"
                + "\"status\",\"addr\":0,\"data\":0}]}"), "")).hasMessageContaining("'events[0]'");
        assertThatThrownBy(() -> Json.parse("{\"op\":")).hasMessageContaining("not JSON");
    }
}
