package org.onosdvr.openflow.translate;

import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.TrafficTreatment;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFFlowStatsRequest;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Decodes OpenFlow 1.3 flow statistics into {@link InstalledFlow}s, and builds the request.
 * <p>
 * A flow whose match or actions cannot be decoded is still returned (with its raw match and a
 * {@link InstalledFlow#decodeError()}), never dropped. Note that openflowj parses the whole multipart reply
 * before we see it: one action it cannot parse at all fails that message in the channel, not here.
 */
public final class FlowStatsDecoder {

    private FlowStatsDecoder() {
    }

    /**
     * Builds a request for all flows of all tables.
     *
     * @param factory OpenFlow 1.3 factory
     * @return FLOW stats request (xid from the factory)
     */
    public static OFFlowStatsRequest allFlowsRequest(OFFactory factory) {
        FlowModEncoder.checkVersion(factory);
        return factory.buildFlowStatsRequest()
                .setXid(factory.nextXid())
                .setTableId(TableId.ALL)
                .setOutPort(OFPort.ANY)
                .setOutGroup(OFGroup.ANY)
                .setMatch(factory.matchWildcardAll())
                .setCookie(U64.ZERO)
                .setCookieMask(U64.ZERO)
                .build();
    }

    /**
     * Decodes one entry.
     *
     * @param entry    flow stats entry
     * @param deviceId device it came from
     * @return installed flow
     */
    public static InstalledFlow decode(OFFlowStatsEntry entry, DeviceId deviceId) {
        Match match = entry.getMatch();
        TrafficSelector selector = null;
        TrafficTreatment treatment = null;
        String error = null;
        try {
            selector = MatchTranslator.toSelector(match, deviceId);
            treatment = InstructionTranslator.toTreatment(entry.getInstructions(), deviceId);
        } catch (OfTranslationException | IllegalArgumentException | UnsupportedOperationException e) {
            selector = null;
            treatment = null;
            error = e.getMessage();
        }
        long duration = TimeUnit.SECONDS.toNanos(entry.getDurationSec()) + entry.getDurationNsec();
        return new InstalledFlow(deviceId, entry.getTableId().getValue(), entry.getPriority(),
                                 entry.getCookie().getValue(), entry.getIdleTimeout(), entry.getHardTimeout(),
                                 entry.getPacketCount().getValue(), entry.getByteCount().getValue(),
                                 duration, match, selector, treatment, error);
    }

    /**
     * Decodes a match the switch reported (e.g. in a FLOW_REMOVED).
     *
     * @param match    match
     * @param deviceId device it came from
     * @return the selector, empty if it cannot be decoded
     */
    public static Optional<TrafficSelector> selector(Match match, DeviceId deviceId) {
        try {
            return Optional.of(MatchTranslator.toSelector(match, deviceId));
        } catch (OfTranslationException | IllegalArgumentException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /**
     * Decodes all entries of a reply (one part of a multipart reply).
     *
     * @param reply    FLOW stats reply
     * @param deviceId device it came from
     * @return installed flows, in reply order
     */
    public static List<InstalledFlow> decode(OFFlowStatsReply reply, DeviceId deviceId) {
        List<InstalledFlow> flows = new ArrayList<>();
        for (OFFlowStatsEntry entry : reply.getEntries()) {
            flows.add(decode(entry, deviceId));
        }
        return flows;
    }
}
