package dev.tandem.vrrp.track;

/**
 * rise/fall hysteresis of one vrrp_script: {@code fall} consecutive failures make a good script bad,
 * {@code rise} consecutive successes make a bad one good (keepalived.conf(5) vrrp_script). Pure.
 */
public final class ScriptHealth {
    private final int rise;
    private final int fall;
    private boolean up;
    private int streak;

    public ScriptHealth(int rise, int fall, boolean initFail) {
        this.rise = rise;
        this.fall = fall;
        this.up = !initFail;
    }

    public boolean up() {
        return up;
    }

    /** Records one result; returns true when the up/down state changed. */
    public boolean record(boolean success) {
        if (success == up) {
            streak = 0;
            return false;
        }
        streak++;
        if (streak >= (up ? fall : rise)) {
            up = success;
            streak = 0;
            return true;
        }
        return false;
    }
}
