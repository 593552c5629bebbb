package io.drp.model;

import java.util.List;

/**
 * The negative controls: faults drp planted after verify, in a scratch container of the recovery account, and ran
 * the same verifier on, so the report shows the verifier could have said no. {@code ran} is false when none were
 * planted, and {@code notRunBecause} says why ({@code --no-controls}, a restore into production, a run that stopped
 * before verify, or the scratch container could not be written). {@code source} is the restored object the faulty
 * copies were made from. {@code containerDeleted}: the scratch container is gone again.
 */
public record Controls(boolean ran, String notRunBecause, String container, String source, String mode, List<Control> planted,
                       boolean containerDeleted) {

    public Controls {
        planted = planted == null ? List.of() : List.copyOf(planted);
    }

    /**
     * One planted fault. {@code fault}: flipped-byte, left-out or content-type; {@code object}: the control's
     * "container/name"; {@code planted} and {@code expected}: what was put there and what the verifier was told to
     * expect; {@code verifierSaid}: the verifier's own mismatch reasons for it, empty when it said nothing.
     */
    public record Control(String fault, String object, String planted, String expected, boolean caught, List<String> verifierSaid) {
        public Control {
            verifierSaid = verifierSaid == null ? List.of() : List.copyOf(verifierSaid);
        }
    }

    public static Controls notRun(String why) {
        return new Controls(false, why, null, null, null, List.of(), false);
    }

    /** Planted, and every fault caught. */
    public boolean allCaught() {
        return ran && !planted.isEmpty() && planted.stream().allMatch(Control::caught);
    }
}
