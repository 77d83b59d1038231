package org.onosdvr.rest;

import com.google.common.collect.ImmutableSet;
import org.onlab.rest.AbstractWebApplication;
import org.onlab.rest.JsonBodyWriter;

import java.util.Set;

/**
 * The DVR REST application (listed in web.xml). It registers its own authorization filter and exception
 * mappers instead of ONOS's defaults: tenants may write, and every error has the DVR error body.
 */
public class DvrWebApplication extends AbstractWebApplication {

    @Override
    public Set<Class<?>> getClasses() {
        return ImmutableSet.of(
                NetworkWebResource.class,
                SubnetWebResource.class,
                PortWebResource.class,
                RouterWebResource.class,
                FloatingIpWebResource.class,
                NodeWebResource.class,
                ReconcilerWebResource.class,
                WriteAccessFilter.class,
                JsonBodyWriter.class,
                ExceptionMappers.DvrExceptionMapper.class,
                ExceptionMappers.IllegalArgumentMapper.class,
                ExceptionMappers.MalformedJsonMapper.class,
                ExceptionMappers.WebApplicationMapper.class,
                ExceptionMappers.ServiceNotFoundMapper.class,
                ExceptionMappers.UnexpectedMapper.class);
    }
}
