package org.onosdvr.cli;

/**
 * Parsing of boolean command options given as words.
 */
final class Flags {

    private Flags() {
    }

    /**
     * @param value  true/false, yes/no, up/down
     * @param option option name for the error message
     * @return the value
     */
    static boolean bool(String value, String option) {
        switch (value.toLowerCase()) {
            case "true":
            case "yes":
            case "up":
                return true;
            case "false":
            case "no":
            case "down":
                return false;
            default:
                throw new IllegalArgumentException("invalid value for " + option + ": " + value
                                                           + " (expected true or false)");
        }
    }
}
