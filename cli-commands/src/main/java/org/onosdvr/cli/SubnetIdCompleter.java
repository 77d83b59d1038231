package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.stream.Collectors;

/**
 * Completes subnets ids.
 */
@Service
public class SubnetIdCompleter extends DvrIdCompleter {

    /** Creates the completer. */
    public SubnetIdCompleter() {
        super(s -> s.subnets().stream().map(n -> n.id()).collect(Collectors.toList()));
    }
}
