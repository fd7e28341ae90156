import io.vavr.control.Either;
import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.GuestDriver;
import io.vtdoracle.guest.InvalidationPath;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.oracle.Oracle;
import java.util.ArrayList;
import java.util.List;

/** Programs a unit as Linux's driver would, lets a device DMA, and has the Oracle judge every step. */
public class JudgeMyUnit {

    public static void main(String[] args) {
        Capabilities capabilities = Capabilities.DEFAULT;
        RemappingUnit unit = new FastRemappingUnit(capabilities);   // your implementation goes here
        Oracle oracle = Oracle.powerOn(capabilities);

        // 1. The guest: root table, domain 3 mapping IOVA 0x1000 to 0x366cb000, device 00:04.0 attached.
        GuestDriver guest = new GuestDriver(capabilities, 0x10_0000);
        SourceId device = SourceId.of(0, 4, 0);
        guest.setRootTable();
        Domain domain = guest.createDomain(3);
        guest.map(domain, 0x1000, 0x366c_b000L, PageSize.SIZE_4K, Permission.READ_WRITE);
        guest.attach(device, domain);
        guest.invalidateContextGlobal(InvalidationPath.REGISTER);
        guest.invalidateIotlbGlobal(InvalidationPath.REGISTER);
        guest.enableTranslation();

        // 2. The operations: the guest's memory and register writes, then the device's DMA.
        List<Operation> operations = new ArrayList<>(guest.drain());
        operations.add(new Operation.DmaRequest(device, 0x1234, Access.READ));
        operations.add(new Operation.DmaRequest(device, 0x5000, Access.WRITE));   // not mapped: a fault

        // 3. Each outcome of the unit, judged by the model.
        for (int step = 1; step <= operations.size(); step++) {
            Operation operation = operations.get(step - 1);
            Outcome outcome = unit.apply(operation);
            Either<String, Oracle> verdict = oracle.observe(operation, outcome);
            if (verdict.isLeft()) {
                System.out.println("step " + step + ": " + verdict.getLeft());
                System.exit(1);
            }
            oracle = verdict.get();
            if (operation instanceof Operation.DmaRequest) {
                System.out.println("step " + step + ": " + operation + " -> " + outcome + ": allowed");
            }
        }
        System.out.println(operations.size() + " steps, every outcome allowed by the model");
    }
}
