/**
 * The Route reconciler's pure parts (resources.md §7): traffic resolution ({@code traffic}), hosts, URLs and
 * visibility ({@code domains}) and the KIngress and placeholder Service builders ({@code resources}).
 */
package io.qnative.reconciler.route;
