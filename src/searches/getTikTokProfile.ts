import {
  defineInputFields,
  defineSearch,
  type InferInputData,
  type SearchPerform,
} from 'zapier-platform-core';

import { fetchProfile } from '../dumplingai/client';
import { withPlainErrors } from '../dumplingai/errors';
import { DEFAULT_SETUP, type StepSetup } from '../lookups/setup';
import { filePointer } from '../hydrators/downloadMedia';
import { checkCreator, CREATOR_FORMS_HELP } from '../tiktok/creator';
import { normaliseProfile } from '../tiktok/profile';
import { avatarFile } from '../zapier/media';
import { flattenProfile, profileOutputFields } from '../zapier/profile';
import sampleProfile from '../zapier/samples/profile.json';

export const profileText = {
  noun: 'TikTok Profile',
  label: 'Get TikTok Profile',
  description:
    "Finds a TikTok creator's profile by username or profile link, with their follower, following, like and video counts.",
} as const;

const inputFields = defineInputFields([
  {
    key: 'creator',
    label: 'Creator',
    type: 'string',
    required: true,
    helpText: `The TikTok creator to look up. ${CREATOR_FORMS_HELP} Each lookup is one DumplingAI call.`,
  },
]);

export const findProfile = ({ limits }: StepSetup) =>
  (async (z, bundle) => {
    const checked = checkCreator(bundle.inputData.creator);
    // Refused before any request, so a typo costs nothing; halting keeps one bad row from
    // counting towards Zapier turning the Zap off.
    if (!checked.ok) throw new z.errors.HaltedError(checked.message);
    const answer = await fetchProfile(z, bundle.authData.apiKey, checked.handle, { limits });
    // No such account: a search's "nothing found".
    if (answer === null) return [];
    const profile = flattenProfile(normaliseProfile(answer));
    return [{ ...profile, avatarFile: filePointer(z, avatarFile(profile.uniqueId, profile.avatarUrl)) }];
  }) satisfies SearchPerform<InferInputData<typeof inputFields>>;

// Zapier shows the sample where it cannot run the step; its file field shows the avatar's address.
const sampleFlat = flattenProfile(normaliseProfile(sampleProfile));
export const sample = { ...sampleFlat, avatarFile: sampleFlat.avatarUrl };

export const getTikTokProfile = defineSearch({
  key: 'get_tiktok_profile',
  noun: profileText.noun,
  display: { label: profileText.label, description: profileText.description },
  operation: {
    perform: withPlainErrors(findProfile(DEFAULT_SETUP)),
    inputFields,
    sample,
    outputFields: profileOutputFields,
  },
});
