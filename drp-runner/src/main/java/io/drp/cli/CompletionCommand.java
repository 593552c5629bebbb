package io.drp.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * picocli's bash/zsh completion script, registered for {@code ./drp} as well as {@code drp}: bash looks a compspec
 * up by the command word as typed, and a script run from a checkout or an unpacked archive is typed {@code ./drp}.
 */
@Command(name = "generate-completion", header = "Print a bash/zsh completion script for drp (and ./drp).",
        exitCodeList = {"0:the script was printed"},
        footer = {"  source <(drp generate-completion)                 # this shell",
                "  drp generate-completion > /etc/bash_completion.d/drp  # every new shell"})
public final class CompletionCommand implements Runnable {

    /** The extra names the script completes, after picocli's own (drp drp.sh drp.bash). */
    static final String ALSO = "complete -F _complete_drp -o default ./drp bin/drp";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        var out = spec.commandLine().getOut();
        out.print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
        out.println(ALSO);
        out.flush();
    }
}
