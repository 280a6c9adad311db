/**
 * What Open Liberty and MicroProfile provide that every feature shares, as plain Java types: managed threads and
 * schedulers, configuration ({@link dev.parley.platform.Settings}, from which each feature builds its own settings
 * record once) and the clock. No feature logic lives here.
 */
package dev.parley.platform;
