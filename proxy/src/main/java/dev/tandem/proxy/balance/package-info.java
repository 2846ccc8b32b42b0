/** Server selection within a backend: the {@link dev.tandem.proxy.balance.Balancer} interface and its algorithms. */
package dev.tandem.proxy.balance;
