import { Edit, SimpleForm } from 'react-admin';
import { ProductInputs } from './ProductInputs.tsx';

export default function ProductEdit() {
  return (
    <Edit mutationMode="pessimistic">
      <SimpleForm>
        <ProductInputs />
      </SimpleForm>
    </Edit>
  );
}
