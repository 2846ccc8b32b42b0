/** Linux system calls through FFM (java.lang.foreign): raw IP sockets, netlink, AF_PACKET. No JNI. */
package dev.tandem.linux;
