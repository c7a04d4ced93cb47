/** Golden tests of the DomainMapping's child builders. */
package io.qnative.reconciler.domainmapping.resources;
