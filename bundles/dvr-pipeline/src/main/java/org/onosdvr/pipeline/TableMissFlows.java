package org.onosdvr.pipeline;

/**
 * Table-miss rules of every table, generated from the declaration ({@link PipelineTable#miss()}).
 */
final class TableMissFlows implements FlowFeature {

    @Override
    public void build(DeviceContext ctx) {
        for (PipelineTable table : PipelineTable.values()) {
            ctx.add(DvrFlowBuilder.missRule(table));
        }
    }
}
