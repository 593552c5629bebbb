package io.drp.stacks;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import io.drp.stacks.config.StackSettings;

/** Entry point for `pulumi up`: reads the drp: config of the selected stack and declares it. */
public final class App {

    private App() {}

    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        StackSettings settings = StackSettings.from(ctx.stackName(), key -> ctx.config("drp").get(key));
        DrpStacks.define(ctx, settings);
    }
}
