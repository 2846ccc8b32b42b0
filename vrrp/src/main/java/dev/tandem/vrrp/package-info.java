/**
 * VRRP (RFC 3768/5798) with keepalived 2.2.7's behaviour: codecs, state machine, sync groups, tracking, notify.
 *
 * <p>How the IO layer ({@code dev.tandem.vrrp.io}) drives the pure engine:
 * <ol>
 *   <li>Build settings: {@link dev.tandem.vrrp.KeepalivedSettings#from} from a compiled keepalived.conf, or
 *       {@link dev.tandem.vrrp.InstanceSettings#builder} / {@link dev.tandem.vrrp.SyncGroupSettings} by hand.</li>
 *   <li>{@code new VrrpEngine(instances, syncGroups)}, then {@code start(now)}; {@code now} is monotonic
 *       microseconds (e.g. {@code System.nanoTime() / 1000}).</li>
 *   <li>Feed events from one thread: {@code onAdvert(now, new Received(vrrpBytes, src, dst, ttl, ifname))},
 *       {@code onLink(now, ifname, up)}, {@code onTrack(now, kind, name, status)} (script runner, track_file,
 *       {@link dev.tandem.vrrp.track.Tracker}), and {@code onTimer(now)} whenever {@code nextWakeup()} is
 *       reached; {@code shutdown(now)} on graceful stop.</li>
 *   <li>Every call returns {@link dev.tandem.vrrp.Action}s to perform in order: send each
 *       {@code SendAdvert.datagrams()} entry with TTL/hop limit 255, add/remove VIPs, send GARP/NA bursts
 *       ({@link dev.tandem.vrrp.packet.GratuitousArp}, {@link dev.tandem.vrrp.packet.NeighbourAdvert}), pass
 *       {@code Notify} to {@link dev.tandem.vrrp.notify.Notifier} and {@code SendMail} to
 *       {@link dev.tandem.vrrp.notify.SmtpAlerter}.</li>
 * </ol>
 */
package dev.tandem.vrrp;
