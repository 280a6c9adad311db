/** Health checks that belong to no single feature. */
package dev.parley.health;
