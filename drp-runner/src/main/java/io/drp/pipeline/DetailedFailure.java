package io.drp.pipeline;

import java.util.Map;

/**
 * A failure that knows what its step had done before it failed, such as the resource operations of a rebuild that
 * stopped on one of them. The {@link StepRunner} records these details on the ABORTED step, so the report shows the
 * work that led up to the failure and not only its message.
 */
public interface DetailedFailure {

    Map<String, Object> details();
}
