/** Tests of the DomainMapping reconciler: its table in the unit tier and the object mothers it shares. */
package io.qnative.reconciler.domainmapping;
