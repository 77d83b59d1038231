package org.onosdvr.pipeline;

import org.onlab.packet.EthType;
import org.onlab.packet.IpAddress;
import org.onlab.packet.IpPrefix;
import org.onosdvr.pipeline.testing.Scenario;
import org.onosdvr.pipeline.testing.Scenarios;
import org.onosdvr.pipeline.testing.TestExtensions;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.criteria.Criteria;
import org.onosproject.net.flow.criteria.Criterion;

/**
 * Compiles the reference scenario ({@link Scenarios#standard()}) for the per-function compiler tests.
 */
abstract class CompilerTestBase {

    static final Criterion IPV4 = Criteria.matchEthType(EthType.EtherType.IPV4.ethType().toShort());
    static final Criterion ARP = Criteria.matchEthType(EthType.EtherType.ARP.ethType().toShort());

    final Scenario s = Scenarios.standard();
    final DvrCompiler compiler = new DvrCompiler(TestExtensions.APP_ID, new TestExtensions());
    final CompiledPipeline p = compiler.compile(s.snapshot());

    DeviceId dev(String node) {
        return s.device(node);
    }

    static Criterion md(long value) {
        return Criteria.matchMetadata(value);
    }

    static Criterion vni(String net, Scenario s) {
        return md(Metadata.network(s.network(net).segmentId()));
    }

    static Criterion ipDst(IpAddress ip) {
        return Criteria.matchIPDst(IpPrefix.valueOf(ip, 32));
    }

    static Criterion ipSrc(IpAddress ip) {
        return Criteria.matchIPSrc(IpPrefix.valueOf(ip, 32));
    }
}
