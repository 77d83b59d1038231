package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.stream.Collectors;

/**
 * Completes floatingIps ids.
 */
@Service
public class FloatingIpIdCompleter extends DvrIdCompleter {

    /** Creates the completer. */
    public FloatingIpIdCompleter() {
        super(s -> s.floatingIps().stream().map(n -> n.id()).collect(Collectors.toList()));
    }
}
