/**
 * Karaf console commands of the DVR ({@code onos:dvr-*}): list commands with aligned tables or {@code -j} JSON
 * (the REST codecs), and write commands that parse their arguments, call
 * {@link org.onosdvr.api.DvrAdminService} and print the result.
 */
package org.onosdvr.cli;
