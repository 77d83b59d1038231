package org.onosdvr.pipeline;

/**
 * Table-miss rules of every table, generated from the declaration ({@link PipelineTable#miss()}).
 */
final class TableMissFlows implements FlowFeature {

    @Override
    public void pipeline(GroupBuilder out) {
        for (PipelineTable table : PipelineTable.values()) {
            out.add(DvrFlowBuilder.missRule(table));
        }
    }
}
