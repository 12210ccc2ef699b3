import { absoluteContraindication } from './absolute';
import { clearanceRequired } from './clearance';
import type { RuleFamily } from './context';
import { endangermentSite } from './endangerment';
import { informalQualifier } from './informalQualifier';
import { localContraindication } from './local';
import { precaution } from './precaution';
import { pressureCap } from './pressureCap';
import { recordConsistency } from './recordConsistency';
import { requiredSections } from './requiredSections';
import { signatureMismatch } from './signature';
import { techniqueBarred } from './techniqueBarred';
import { unknownTerms } from './unknownTerms';

/** Every rule family, in the order their findings are listed for one note position. */
export const RULE_FAMILIES: readonly RuleFamily[] = [
  absoluteContraindication,
  localContraindication,
  techniqueBarred,
  pressureCap,
  clearanceRequired,
  endangermentSite,
  unknownTerms,
  signatureMismatch,
  recordConsistency,
  requiredSections,
  precaution,
  informalQualifier,
];
