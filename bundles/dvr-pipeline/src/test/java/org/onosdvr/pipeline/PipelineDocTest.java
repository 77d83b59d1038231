package org.onosdvr.pipeline;

import org.junit.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.Assert.assertTrue;

/**
 * docs/pipeline.md documents every declared table (with its id) and every priority band constant.
 */
public class PipelineDocTest {

    private static String doc() throws IOException {
        Path p = Paths.get("../../docs/pipeline.md");
        assertTrue("missing " + p.toAbsolutePath(), Files.exists(p));
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    }

    @Test
    public void everyTableIsDocumented() throws IOException {
        String doc = doc();
        for (PipelineTable t : PipelineTable.values()) {
            String heading = "## Table " + t.id() + ": `" + t.tableName() + "`";
            assertTrue("docs/pipeline.md lacks \"" + heading + "\"", doc.contains(heading));
        }
    }

    @Test
    public void everyPriorityBandIsDocumented() throws IOException {
        String doc = doc();
        for (Class<?> table : Priorities.class.getDeclaredClasses()) {
            for (java.lang.reflect.Field f : table.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                    assertTrue("docs/pipeline.md lacks band " + table.getSimpleName() + "." + f.getName(),
                               doc.contains("(`" + f.getName() + "`)") || doc.contains(f.getName()));
                }
            }
        }
    }
}
