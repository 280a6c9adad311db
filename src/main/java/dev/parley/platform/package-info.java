/** What Open Liberty provides that several features share: managed threads and schedulers. */
package dev.parley.platform;
