package org.onosdvr.pipeline;

import java.util.Arrays;

/**
 * A compiled rule without its device: table, priority, {@link Match}, {@link Actions} and provenance (source
 * object key and one-line description). Immutable and validated against its table's declaration when made
 * ({@link DvrFlowBuilder#rule}); the compiler shares one {@code Rule} between every device that holds it (e.g.
 * "VM x is on node y: tunnel there" on every node taking part in x's network). A device's view of it is a
 * {@link CompiledRule}, which makes the ONOS flow rule on demand.
 */
final class Rule {

    private final PipelineTable table;
    private final int priority;
    private final Match match;
    private final Actions actions;
    private final String source;
    /** The description, or its {@link String#format} pattern when {@link #args} is not null. */
    private final String format;
    private final Object[] args;
    private final int keyHash;
    private final int hash;
    /** The formatted description, made when first read. */
    private volatile String description;

    Rule(PipelineTable table, int priority, Match match, Actions actions, String source, String format,
         Object[] args) {
        this.table = table;
        this.priority = priority;
        this.match = match;
        this.actions = actions;
        this.source = source;
        this.format = format;
        this.args = args;
        this.description = args == null ? format : null;
        this.keyHash = (match.hashCode() * 31 + priority) * 31 + table.ordinal();
        this.hash = keyHash * 31 + actions.hashCode();
    }

    PipelineTable table() {
        return table;
    }

    int priority() {
        return priority;
    }

    Match match() {
        return match;
    }

    Actions actions() {
        return actions;
    }

    String source() {
        return source;
    }

    /** @return one line, formatted when first read (formatting every rule's line was a third of a compile) */
    String description() {
        String d = description;
        if (d == null) {
            // benign race: every thread formats the same immutable values to the same string
            d = String.format(format, args);
            description = d;
        }
        return d;
    }

    /** @return hash of the match key (table, priority, match) */
    int keyHash() {
        return keyHash;
    }

    /**
     * @param r another rule
     * @return true if a switch would take one for the other's replacement: same table, priority and match
     */
    boolean sameKey(Rule r) {
        return keyHash == r.keyHash && priority == r.priority && table == r.table && match.equals(r.match);
    }

    /**
     * @param r another rule
     * @return true if they program the same OpenFlow entry: same key and same actions
     */
    boolean sameEntry(Rule r) {
        return sameKey(r) && actions.equals(r.actions);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Rule)) {
            return false;
        }
        Rule r = (Rule) o;
        return sameEntry(r) && source.equals(r.source) && format.equals(r.format) && Arrays.equals(args, r.args);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return table + " priority " + priority + " " + match + " -> " + actions + ": " + description() + " ["
                + source + "]";
    }
}
