package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.stream.Collectors;

/**
 * Completes routers ids.
 */
@Service
public class RouterIdCompleter extends DvrIdCompleter {

    /** Creates the completer. */
    public RouterIdCompleter() {
        super(s -> s.routers().stream().map(n -> n.id()).collect(Collectors.toList()));
    }
}
