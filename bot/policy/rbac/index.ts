export { createIntuneRbacAuthorizer, type IntuneRbacAuthorizerOptions } from './authorizer.js';
export { describePermission, intuneActions, requiredActions, type IntuneActionKind } from './permission-names.js';
