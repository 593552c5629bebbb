package io.drp.stacks.config;

/** Bad stack configuration: names the config key and says what to set, so `pulumi up` fails before touching Azure. */
public final class StackConfigException extends RuntimeException {

    private final String key;

    public StackConfigException(String key, String problem) {
        super("drp:" + key + ": " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
