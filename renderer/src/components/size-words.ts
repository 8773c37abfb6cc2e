// The one set of names and explanations for the store's size figures, so the Images summary, the status line and
// Settings say the same thing. SIZE is docker's: an image's files unpacked; "on disk" is the bytes as stored.
export const SIZE_WORDS = {
  sumOfSizes: {
    label: 'Sum of sizes',
    tip: "Every image's SIZE added up, as docker images lists them (files unpacked). A layer shared by several images counts once per image.",
  },
  uniqueLayers: {
    label: 'Unique layers',
    tip: 'The files of every distinct layer unpacked, a shared layer counted once (what docker system df calls the images\u2019 SIZE).',
  },
  uniqueLayersOnDisk: {
    label: 'on disk',
    tip: 'The same distinct layers as stored in the store: compressed where they arrived compressed.',
  },
  storeOnDisk: {
    label: 'Store on disk',
    tip: 'Every file in the store\u2019s blobs folder, used by an image or not: layers, configs and manifests as stored.',
  },
  reclaimable: {
    label: 'Reclaimable',
    tip: 'Disk space Prune would free: dangling images and stored files no image uses.',
  },
} as const;
