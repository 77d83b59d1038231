package org.onosdvr.app.reconciler;

import org.onosdvr.api.DesiredFlow;
import org.onosdvr.api.DesiredGroup;
import org.onosdvr.api.DvrSnapshot;
import org.onosproject.net.DeviceId;

import java.util.List;
import java.util.Set;

/**
 * Turns a snapshot into the rules every device should hold. The reconciler only needs this; in the application
 * it is the pipeline compiler ({@code org.onosdvr.pipeline.DvrCompiler}), in tests anything.
 */
public interface RuleCompiler {

    /**
     * Compiles a whole snapshot.
     *
     * @param snapshot state
     * @return desired rules per device
     */
    Compiled compile(DvrSnapshot snapshot);

    /** The result of compiling one snapshot. */
    interface Compiled {
        /** @return devices that have desired rules */
        Set<DeviceId> devices();

        /**
         * @param deviceId device
         * @return its desired rules, empty if none
         */
        List<DesiredFlow> rules(DeviceId deviceId);

        /**
         * @param deviceId device
         * @return its desired groups in id order, empty if none
         */
        default List<DesiredGroup> groups(DeviceId deviceId) {
            return List.of();
        }
    }
}
