package org.onosdvr.app.reconciler;

import org.onosproject.core.ApplicationId;

/**
 * Provides the {@link RuleCompiler} of the reconciler, as an OSGi service: in ONOS the pipeline compiler with
 * extension resolvers from each device's driver; the embedded runtime may register its own.
 */
public interface RuleCompilerFactory {

    /**
     * Creates the compiler.
     *
     * @param appId application the rules belong to
     * @return compiler
     */
    RuleCompiler create(ApplicationId appId);
}
