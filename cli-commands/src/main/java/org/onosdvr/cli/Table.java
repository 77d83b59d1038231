package org.onosdvr.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A text table: columns as wide as their widest cell, two spaces apart, no trailing spaces.
 */
public final class Table {

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    /**
     * Creates a table.
     *
     * @param headers column headers
     */
    public Table(String... headers) {
        this.columns = headers.length;
        rows.add(headers);
    }

    /**
     * Adds a row.
     *
     * @param cells one value per column (null is printed as "-")
     * @return this table
     */
    public Table row(Object... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(c -> c == null ? "-" : c.toString()).toArray(String[]::new));
        return this;
    }

    /** @return number of data rows */
    public int size() {
        return rows.size() - 1;
    }

    /** @return the lines of the table, header first */
    public List<String> lines() {
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                sb.append(r[i]);
                if (i < columns - 1) {
                    sb.append(" ".repeat(width[i] - r[i].length() + 2));
                }
            }
            lines.add(sb.toString().stripTrailing());
        }
        return lines;
    }
}
