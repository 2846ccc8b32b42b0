package dev.tandem.config.keepalived.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Preemption after keepalived's completion rules: {@code nopreempt} is cleared for state MASTER or
 * priority 255, and {@code preempt_delay} is cleared with nopreempt, state MASTER or strict mode.
 *
 * @param preempt false only for an effective {@code nopreempt}
 * @param delay {@code preempt_delay}, zero when none
 */
public record Preemption(boolean preempt, Duration delay) {

    public static final Preemption DEFAULT = new Preemption(true, Duration.ZERO);

    public Preemption {
        Objects.requireNonNull(delay, "delay");
    }
}
