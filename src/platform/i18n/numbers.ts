/** A whole number as pages write it: grouped in thousands ("12,045"). */
export const wholeNumber = (n: number): string => n.toLocaleString('en-GB');
