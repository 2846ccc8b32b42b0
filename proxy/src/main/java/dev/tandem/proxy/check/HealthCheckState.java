package dev.tandem.proxy.check;

import java.time.Duration;

/**
 * The rise/fall state machine of one server's health check (check.c): a health counter from 0
 * to {@code rise + fall - 1}; the server is UP while it is at least {@code rise}.
 *
 * <p>Start: haproxy 2.6 starts a checked server UP with the counter at {@code rise}, so the very
 * first failed check takes it DOWN (measured on 2.6.12: a refused first check logs "is DOWN"
 * at once), while a server that has been confirmed UP needs {@code fall} consecutive failures.
 * A failure below {@code rise} drops the counter to 0, and a success at {@code rise} jumps it to
 * the top, so each direction restarts from its end. Not thread-safe: one check task owns it.
 */
public final class HealthCheckState {

    /** What one result did to the server. */
    public enum Transition {
        NONE,
        WENT_DOWN,
        WENT_UP
    }

    private final CheckSettings settings;
    private int health;
    private boolean paused;

    public HealthCheckState(CheckSettings settings) {
        this.settings = settings;
        this.health = settings.rise();
    }

    public CheckSettings settings() {
        return settings;
    }

    public int health() {
        return health;
    }

    public boolean isUp() {
        return health >= settings.rise();
    }

    /** Maintenance pauses the checks and forgets the health (server.c srv_update_status). */
    public void enterMaintenance() {
        paused = true;
        health = 0;
    }

    /** Leaving maintenance starts UP and checks at once (health = rise: "start OK but check immediately"). */
    public void leaveMaintenance() {
        paused = false;
        health = settings.rise();
    }

    public boolean isPaused() {
        return paused;
    }

    /** Applies one check result. */
    public Transition apply(CheckResult result) {
        boolean wasUp = isUp();
        int top = settings.rise() + settings.fall() - 1;
        switch (result.status().result()) {
            case FAILED -> {
                if (health > 0) {
                    health--;
                    if (health < settings.rise()) {
                        health = 0;
                    }
                }
            }
            case PASSED, CONDITIONAL -> {
                if (health < top) {
                    health++;
                    if (health >= settings.rise()) {
                        health = top;
                    }
                }
            }
            default -> {
                return Transition.NONE;
            }
        }
        if (wasUp && !isUp()) {
            return Transition.WENT_DOWN;
        }
        if (!wasUp && isUp()) {
            return Transition.WENT_UP;
        }
        return Transition.NONE;
    }

    /**
     * Marks the server down at once, as {@code on-error mark-down} does: the next failure is fatal.
     */
    void setToRise() {
        health = settings.rise();
    }

    /** {@code on-error sudden-death}: leave one failure of margin above DOWN. */
    void capAtOneAboveRise() {
        if (health > settings.rise()) {
            health = settings.rise() + 1;
        }
    }

    /**
     * The wait before the next check (server.c srv_getinter): {@code inter} when fully UP,
     * {@code downinter} when fully DOWN, {@code fastinter} while moving between the two.
     */
    public Duration nextInterval() {
        if (health == settings.rise() + settings.fall() - 1) {
            return settings.inter();
        }
        if (health == 0) {
            return settings.downinter();
        }
        return settings.fastinter();
    }

    /** The "status: 2/3 UP" part of the health-check log line. */
    public String progress(boolean drained) {
        if (isUp()) {
            return (health - settings.rise() + 1) + "/" + settings.fall() + " " + (drained ? "DRAIN" : "UP");
        }
        return health + "/" + settings.rise() + " DOWN";
    }
}
