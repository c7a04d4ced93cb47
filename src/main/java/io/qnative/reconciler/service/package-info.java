/** The Service (ksvc) reconciler: a Configuration and a Route per Service, and the aggregated status. */
package io.qnative.reconciler.service;
