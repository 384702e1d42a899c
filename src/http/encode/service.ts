import type { Encoded } from '../../contract/http/common';
import type { PathwayDefinition, PrincipleReport, PrincipleVocabulary, ServiceView } from '../../contract/http/service';
import type { PrincipleReport as ReportModel } from '../../domain/principle-report';
import { defaultVocabulary } from '../../domain/principles';
import type { ServiceView as ServiceViewModel } from '../../app/service-settings';
import type { PathwayDefinition as PathwayModel } from '../../domain/pathway';
import type { PrincipleVocabulary as VocabularyModel } from '../../domain/principles';

export const encodePathway = (p: PathwayModel): Encoded<typeof PathwayDefinition> => p;
export const encodeVocabulary = (v: VocabularyModel): Encoded<typeof PrincipleVocabulary> => v;
export const encodeServiceView = (v: ServiceViewModel): Encoded<typeof ServiceView> => ({
  service: { ...v.service, vocabulary: v.service.vocabulary ?? { id: defaultVocabulary.id, version: defaultVocabulary.version } },
  etag: v.etag,
  pathways: v.pathways.map(encodePathway),
  vocabulary: encodeVocabulary(v.vocabulary),
  vocabularies: v.vocabularies.map(encodeVocabulary),
});
export const encodePrincipleReport = (r: ReportModel): Encoded<typeof PrincipleReport> => r;
