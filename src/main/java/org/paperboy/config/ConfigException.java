package org.paperboy.config;

/** An invalid configuration value; the message names the key, the value and the fix. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
