import type { CkdbCheck } from './check';
import { CKS001 } from './CKS001-reserved-word-unquoted';
import { CKS002 } from './CKS002-underscore-name-unquoted';
import { CKS003 } from './CKS003-grant-multiple-roles';
import { CKS004 } from './CKS004-index-on-encrypted-field';
import { CKS005 } from './CKS005-duplicate-declaration';
import { CKS006 } from './CKS006-duplicate-field';
import { CKS007 } from './CKS007-too-many-fields';
import { CKS008 } from './CKS008-grant-undeclared-role';
import { CKS009 } from './CKS009-number-without-preferred';
import { CKS010 } from './CKS010-missing-system-field';
import { CKS011 } from './CKS011-invalid-identifier';
import { CKS012 } from './CKS012-system-field-type';

/** Every `.ckdb` check, in id order. */
export const CKDB_CHECKS: readonly CkdbCheck[] = [CKS001, CKS002, CKS003, CKS004, CKS005, CKS006, CKS007, CKS008, CKS009, CKS010, CKS011, CKS012];
