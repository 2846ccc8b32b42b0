/** Tracking outside the engine: vrrp_script processes, track_file values and in-process Trackers, fed back as events. */
package dev.tandem.vrrp.track;
