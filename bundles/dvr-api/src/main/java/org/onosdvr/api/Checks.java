package org.onosdvr.api;

import org.onlab.packet.IpAddress;
import org.onlab.packet.IpPrefix;
import org.onlab.packet.MacAddress;

/**
 * Value checks shared by the model builders; every failure is an {@link IllegalArgumentException} whose
 * message names the field, so the northbound can return it as a 400.
 */
final class Checks {

    private Checks() {
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return value;
    }

    static void check(boolean condition, String format, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(format, args));
        }
    }

    static IpAddress ipv4(IpAddress ip, String field) {
        required(ip, field);
        check(ip.isIp4(), "%s must be an IPv4 address: %s", field, ip);
        return ip;
    }

    static IpPrefix ipv4(IpPrefix prefix, String field) {
        required(prefix, field);
        check(prefix.isIp4(), "%s must be an IPv4 prefix: %s", field, prefix);
        return prefix;
    }

    static MacAddress unicastMac(MacAddress mac, String field) {
        required(mac, field);
        check(!mac.isMulticast() && !mac.equals(MacAddress.ZERO), "%s must be a unicast MAC address: %s",
              field, mac);
        return mac;
    }
}
